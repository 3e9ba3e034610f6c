/** A few inline icons (no icon library in the bundle). Decorative: hidden from assistive technology. */
type P = { size?: number };
const svg = (d: string) =>
  function Icon({ size = 18 }: P) {
    return (
      <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
        <path d={d} />
      </svg>
    );
  };
export const IconGlobe = svg('M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9s1.3-6.3 3.8-9z');
export const IconUser = svg('M12 12a4 4 0 1 0 0-8a4 4 0 0 0 0 8zM4 21c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5');
export const IconPlus = svg('M12 5v14M5 12h14');
export const IconSearch = svg('M11 4a7 7 0 1 0 0 14a7 7 0 0 0 0-14zM21 21l-5-5');
export const IconChevronDown = svg('M6 9l6 6l6-6');
export const IconPeople = svg('M9 11a3.5 3.5 0 1 0 0-7a3.5 3.5 0 0 0 0 7zM2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M16 4.3a3.5 3.5 0 0 1 0 6.4M18 14.3c2.1.7 3.5 2.8 3.5 5.7');
/** Four tiles: the member's own start page (households have the house). */
export const IconTiles = svg('M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z');
export const IconReceipt = svg('M6 3h12v18l-3-2l-3 2l-3-2l-3 2zM9 8h6M9 12h6M9 16h4');
export const IconReport = svg('M14 3H6v18h12V7zM14 3v4h4M9 12h6M9 16h6');
export const IconHome = svg('M3 11l9-7l9 7M5 10v10h14V10M10 20v-6h4v6');
export const IconTarget = svg('M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8z');
export const IconCalendar = svg('M4 6h16v14H4zM4 10h16M8 3v4M16 3v4');
export const IconHeart = svg('M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z');
export const IconCoins = svg('M12 4c4.4 0 8 1.3 8 3s-3.6 3-8 3s-8-1.3-8-3s3.6-3 8-3zM4 7v5c0 1.7 3.6 3 8 3s8-1.3 8-3V7M4 12v5c0 1.7 3.6 3 8 3s8-1.3 8-3v-5');
export const IconHandshake = svg('M3 12l4-4l4 2l3-2l7 5M7 8l-4 4l6 6l2-2M21 13l-6 5l-2-2');
export const IconChart = svg('M4 20V10M10 20V4M16 20v-7M22 20H2');
export const IconSettings = svg('M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3a1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5a1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8a1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1a1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5a1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z');
export const IconFilter = svg('M3 5h18l-7 8v6l-4 2v-8z');
export const IconCheck = svg('M5 12l5 5l9-10');
export const IconChecklist = svg('M4 6l2 2l3-3M4 13l2 2l3-3M12 7h8M12 14h8M5 20h15');
export const IconUpload = svg('M12 15V4M7 9l5-5l5 5M4 15v5h16v-5');
export const IconCopies = svg('M9 9h11v11H9zM5 15H4V4h11v1');
export const IconDownload = svg('M12 4v11M7 10l5 5l5-5M4 15v5h16v-5');
export const IconGift = svg('M4 11h16v9H4zM3 7h18v4H3zM12 7v13M12 7c-1.5-3-5-3.5-5-1.5S10 7 12 7zM12 7c1.5-3 5-3.5 5-1.5S14 7 12 7z');
