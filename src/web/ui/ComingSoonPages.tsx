import { useLocation } from '@tanstack/react-router';
import { ComingSoon, type Module } from './ComingSoon.tsx';

export function ComingSoonPage() {
  const path = useLocation({ select: (l) => l.pathname });
  return <ComingSoon module={path.replace(/^\//, '').split('/')[0] as Module} />;
}
