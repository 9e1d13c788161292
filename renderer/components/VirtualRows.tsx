// SPDX-License-Identifier: UNLICENSED
// A windowed list of fixed-height rows: only the rows in view (plus a few) exist in the DOM, so a
// log of a million records scrolls like one of a hundred. Browsers cap an element's height (about
// 33.5 million px in Chromium), so above MAX_SPACE the scroll space is compressed: the scrollbar
// position maps linearly onto the real offset, and rows are placed relative to the viewport.
// Keyboard: arrows, Page Up/Down, Home/End move the selection and keep it in view.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const MAX_SPACE = 8_000_000;
const OVERSCAN = 6;

export interface VirtualRowsProps {
  total: number;
  rowHeight: number;
  selected: number | null;
  onSelect: (index: number) => void;
  /** Called with the visible index range whenever it changes (to fetch pages). */
  onRange?: (first: number, last: number) => void;
  renderRow: (index: number) => ReactNode;
  label: string;
  header?: ReactNode;
  /** Scrolls this row into view when it changes (e.g. opening a finding's record). */
  jumpTo?: number | null;
}

export function VirtualRows({ total, rowHeight, selected, onSelect, onRange, renderRow, label, header, jumpTo }: VirtualRowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);

  const realHeight = total * rowHeight;
  const spaceHeight = Math.min(realHeight, MAX_SPACE);
  const maxScroll = Math.max(0, spaceHeight - viewport);
  const realMaxScroll = Math.max(0, realHeight - viewport);
  const realTop = maxScroll > 0 ? (Math.min(scrollTop, maxScroll) / maxScroll) * realMaxScroll : 0;
  const first = Math.max(0, Math.floor(realTop / rowHeight) - OVERSCAN);
  const visible = Math.ceil(viewport / rowHeight) + 2 * OVERSCAN;
  const last = Math.min(total - 1, first + visible);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (total > 0) onRange?.(first, last);
  }, [first, last, total, onRange]);

  /** Scrolls so that row `index` is inside the viewport. */
  const reveal = (index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * rowHeight;
    let targetReal = realTop;
    if (top < realTop) targetReal = top;
    else if (top + rowHeight > realTop + viewport) targetReal = top + rowHeight - viewport;
    else return;
    el.scrollTop = realMaxScroll > 0 ? (targetReal / realMaxScroll) * maxScroll : 0;
  };

  useEffect(() => {
    if (jumpTo === null || jumpTo === undefined || !scroller.current) return;
    const el = scroller.current;
    const targetReal = Math.max(0, jumpTo * rowHeight - viewport / 3);
    el.scrollTop = realMaxScroll > 0 ? (Math.min(targetReal, realMaxScroll) / realMaxScroll) * maxScroll : 0;
    // Only a new target moves the view; scrolling by hand afterwards stays where the user put it.
  }, [jumpTo, total]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const current = selected ?? -1;
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: total - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = Math.min(total - 1, Math.max(0, moves[e.key]!));
    onSelect(next);
    reveal(next);
  };

  const rows: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const top = Math.min(scrollTop, maxScroll) + (i * rowHeight - realTop);
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={selected === i}
        className={`vrow${selected === i ? ' selected' : ''}`}
        style={{ transform: `translateY(${top}px)`, height: rowHeight }}
        onClick={() => onSelect(i)}
      >
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div className="vtable" role="grid" aria-label={label} aria-rowcount={total + 1}>
      {header}
      <div ref={scroller} className="vscroll" tabIndex={0} onKeyDown={onKeyDown} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-total={total}>
        <div className="vspace" style={{ height: spaceHeight }} />
        {rows}
      </div>
    </div>
  );
}
