import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from './icons.tsx';

/**
 * A button opening a menu of downloads (a document in several formats). Plain links, so the
 * browser saves each file under the server's name; `onDownload` runs after a click (e.g. to
 * refresh a history that records exports).
 */
export function DownloadMenu({ label, hint, items, testId, size, onDownload }: { label: string; hint: string; items: { label: string; href: string }[]; testId: string; size?: string; onDownload?: () => void }) {
  return (
    <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size={size} leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} data-testid={testId}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label maw={260}>{hint}</Menu.Label>
        {items.map((i) => (
          <Menu.Item key={i.href} component="a" href={i.href} download onClick={onDownload}>
            {i.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
