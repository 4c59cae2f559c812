import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

// A small router over the History API: the gateway answers every /console/* path with the page,
// so any console URL can be opened, reloaded and shared.
export const BASE = '/console';

const listeners = new Set<() => void>();
export function navigate(to: string) {
  history.pushState(null, '', `${BASE}${to}`);
  for (const listener of listeners) listener();
}

/** The path under /console, without a trailing slash ('' for the start page). */
const currentPath = () => location.pathname.slice(BASE.length).replace(/\/+$/, '');

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

export function Link(props: { to: string; children: ReactNode; current?: boolean }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={`${BASE}${props.to}`} onClick={follow} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}
