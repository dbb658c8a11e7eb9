// The person card's sections. Each renders the fields its API returns and
// says plainly when there is nothing to show.
import type { ComponentChildren } from 'preact';
import type { Address, DepartmentRow, GroupRow, HouseholdRow, Person, RelationRow, RepresentativeRow } from '../lib/types';
import { fullName } from '../lib/types';
import { formatDate, formatDateTime, formatNumber } from '../lib/format';
import { localName, t, type MessageKey } from '../i18n';
import { Link } from './Link';

function code(prefix: string, value: string): string {
  const k = (prefix + value) as MessageKey;
  const s = t(k);
  return s === k ? value : s;
}

function period(from?: string | null, to?: string | null): string {
  if (!from && !to) return '';
  return `${from ? formatDate(from) : '…'} – ${to ? formatDate(to) : t('common.now')}`;
}

export function Section({ id, title, children, count }: { id: string; title: string; children: ComponentChildren; count?: number }) {
  return (
    <section class="card-section" aria-labelledby={id + '-h'}>
      <h2 id={id + '-h'}>
        {title}
        {count !== undefined && <span class="count"> ({formatNumber(count)})</span>}
      </h2>
      {children}
    </section>
  );
}

function Empty() {
  return <p class="muted">{t('common.none')}</p>;
}

export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === '' || v === null || v === undefined ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function IdentitySection({ p }: { p: Person }) {
  const rows: [string, ComponentChildren][] = [
    [t('person.given_names'), p.given_names],
    [t('person.family_name'), p.family_name],
  ];
  if ('personal_code' in p) rows.push([t('person.personal_code'), p.personal_code || '']);
  if (p.other_id_number) rows.push([t('person.other_id'), `${p.other_id_type || ''} ${p.other_id_number}`.trim()]);
  rows.push([t('person.sex'), p.sex ? t(p.sex === 'M' ? 'sex.M' : 'sex.F') : '']);
  rows.push([t('person.birth_date'), p.birth_date ? formatDate(p.birth_date) : '']);
  rows.push([t('person.identified'), p.identified ? t('common.yes') : t('person.not_identified')]);
  if ('phone' in p) rows.push([t('person.phone'), p.phone || '']);
  if ('email' in p) rows.push([t('person.email'), p.email || '']);
  if (p.created_at) rows.push([t('person.created_at'), formatDateTime(p.created_at)]);
  if (p.updated_at) rows.push([t('person.updated_at'), formatDateTime(p.updated_at)]);
  rows.push([t('person.version'), formatNumber(p.version)]);
  return (
    <Section id="identity" title={t('card.identity')}>
      <Facts rows={rows} />
    </Section>
  );
}

export function DepartmentsSection({ rows }: { rows: DepartmentRow[] }) {
  return (
    <Section id="departments" title={t('card.departments')} count={rows.length}>
      {rows.length ? (
        <ul class="plain">
          {rows.map((d) => (
            <li key={d.id}>
              {localName(d)}
              {d.since && <span class="muted"> · {t('card.since', { date: formatDate(d.since) })}</span>}
            </li>
          ))}
        </ul>
      ) : <Empty />}
    </Section>
  );
}

export function AddressesSection({ rows }: { rows: Address[] }) {
  return (
    <Section id="addresses" title={t('card.addresses')} count={rows.length}>
      {rows.length ? (
        <ul class="plain">
          {rows.map((a) => (
            <li key={a.id}>
              <strong>{code('address.kind.', a.kind)}:</strong>{' '}
              {[a.line, a.city, a.municipality, a.postal_code].filter(Boolean).join(', ')}
              {period(a.valid_from, a.valid_to) && <span class="muted"> · {period(a.valid_from, a.valid_to)}</span>}
            </li>
          ))}
        </ul>
      ) : <Empty />}
    </Section>
  );
}

export function GroupsSection({ rows }: { rows: GroupRow[] }) {
  return (
    <Section id="groups" title={t('card.groups')} count={rows.length}>
      {rows.length ? (
        <ul class="plain">
          {rows.map((g) => (
            <li key={g.id}>
              {localName(g)}
              {period(g.date_from, g.date_to) && <span class="muted"> · {period(g.date_from, g.date_to)}</span>}
            </li>
          ))}
        </ul>
      ) : <Empty />}
    </Section>
  );
}

export function FamilySection({ relations, households, representatives, children }: {
  relations?: RelationRow[]; households?: HouseholdRow[]; representatives?: RepresentativeRow[];
  /** Replaces the read-only relations list (the card's editor). */
  children?: ComponentChildren;
}) {
  return (
    <Section id="family" title={t('card.family')}>
      {children}
      {relations && (
        <>
          <h3>{t('card.relations')}</h3>
          {relations.length ? (
            <ul class="plain">
              {relations.map((r) => (
                <li key={r.id}>
                  <span>{code('relation.', r.kind)}:</span>{' '}
                  <Link href={'/persons/' + r.person_id}>{fullName(r)}</Link>
                  {r.birth_date && <span class="muted"> · {formatDate(r.birth_date)}</span>}
                </li>
              ))}
            </ul>
          ) : <Empty />}
        </>
      )}
      {households && (
        <>
          <h3>{t('card.households')}</h3>
          {households.length ? (
            <ul class="plain">
              {households.map((h) => (
                <li key={h.id}>{h.name} <span class="muted">· {code('household.role.', h.role)}</span></li>
              ))}
            </ul>
          ) : <Empty />}
        </>
      )}
      {representatives && (
        <>
          <h3>{t('card.representatives')}</h3>
          {representatives.length ? (
            <ul class="plain">
              {representatives.map((r) => (
                <li key={r.id}>
                  <span>{code('representative.', r.kind)}:</span>{' '}
                  <Link href={'/persons/' + r.person_id}>{fullName(r)}</Link>
                  {r.document && <span class="muted"> · {t('card.document')}: {r.document}</span>}
                  {period(r.date_from, r.date_to) && <span class="muted"> · {period(r.date_from, r.date_to)}</span>}
                </li>
              ))}
            </ul>
          ) : <Empty />}
        </>
      )}
    </Section>
  );
}
