import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../lib/router';

export function Link(props: { href: string; children: ComponentChildren; class?: string; id?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} class={props.class} id={props.id} aria-current={props['aria-current']} onClick={onLinkClick}>
      {props.children}
    </a>
  );
}
