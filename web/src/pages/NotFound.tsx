import { PageHeading } from '../components/PageHeading';
import { Link } from '../components/Link';
import { t } from '../i18n';

export function NotFoundPage() {
  return (
    <section>
      <PageHeading title={t('notfound.title')}>{t('notfound.title')}</PageHeading>
      <p>{t('notfound.text')}</p>
      <p><Link href="/">{t('notfound.home')}</Link></p>
    </section>
  );
}
