import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SclPointDto } from '../../../../core/contract';
import type { ModelTree, TreeNode, TreeRow } from './tree-model';

const ROW = 26;
const POINT_FCS = new Set(['ST', 'MX']);

interface Props {
  tree: ModelTree;
  plan: ReadonlyMap<string, SclPointDto>;
  selected: ReadonlySet<string>;
  onSelect: (keys: string[], on: boolean) => void;
}

/** The plan's points at or below a node (a leaf: itself). */
function pointsUnder(node: TreeNode, plan: ReadonlyMap<string, SclPointDto>): string[] {
  if (node.leafKey) return plan.has(node.leafKey) ? [node.leafKey] : [];
  const prefix = node.kind === 'LD' ? `${node.id}/` : `${node.id}.`;
  return [...plan.keys()].filter((k) => k.startsWith(prefix));
}

/**
 * The model tree, LD → LN → DO → DA, virtualised (only the rows in view are in the DOM). Leaves show
 * FC and type; ST and MX leaves the plan knows can be selected, and a node selects every point below
 * it. Keyboard: ↑ ↓ move, → opens, ← closes or goes to the parent, Space selects, Home/End.
 * Search lists the matching leaves instead of the tree.
 */
export function ModelTreeView({ tree, plan, selected, onSelect }: Props) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(tree.roots().map((r) => r.id)));
  const [query, setQuery] = useState('');
  const [fcFilter, setFcFilter] = useState<'points' | 'all' | 'selected'>('points');
  const [focus, setFocus] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const rows: TreeRow[] = useMemo(() => {
    if (query.trim() || fcFilter === 'selected') {
      const found = tree.search(query, fcFilter === 'all' ? null : POINT_FCS, 2000).rows;
      return found.filter((n) => fcFilter !== 'selected' || selected.has(n.leafKey ?? '')).map((node) => ({ node, depth: 0, expanded: false }));
    }
    return tree.visible(expanded).filter((r) => fcFilter === 'all' || !r.node.fc || POINT_FCS.has(r.node.fc) || !r.node.leafKey);
  }, [tree, expanded, query, fcFilter, selected]);

  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const flat = query.trim() !== '' || fcFilter === 'selected';

  const toggleOpen = (node: TreeNode, open?: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !next.has(node.id)) next.add(node.id);
      else next.delete(node.id);
      return next;
    });
  };

  const toggleSelect = (node: TreeNode) => {
    const keys = pointsUnder(node, plan);
    if (keys.length === 0) return;
    onSelect(keys, !keys.every((k) => selected.has(k)));
  };

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setFocus(next);
    virtual.scrollToIndex(next);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  };

  const onKey = (e: KeyboardEvent, row: TreeRow, index: number) => {
    const { node } = row;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (node.expandable && !row.expanded && !flat) toggleOpen(node, true);
        else moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggleOpen(node, false);
        else if (row.depth > 0) for (let i = index - 1; i >= 0; i--) if ((rows[i]?.depth ?? 0) < row.depth) return moveTo(i);
        break;
      case ' ':
        toggleSelect(node);
        break;
      case 'Enter':
        if (node.expandable && !flat) toggleOpen(node);
        else toggleSelect(node);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="tree-panel">
      <div className="toolbar">
        <input type="search" className="search" aria-label="Search the model" placeholder="Search references, e.g. XCBR Pos" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        <select aria-label="Show" value={fcFilter} onChange={(e) => setFcFilter(e.currentTarget.value as typeof fcFilter)}>
          <option value="points">ST and MX (points)</option>
          <option value="all">All FCs</option>
          <option value="selected">Selected only</option>
        </select>
      </div>
      <div className="tree-scroll" ref={scroller} role="tree" aria-label="IED model" aria-multiselectable="true">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index] as TreeRow;
            const { node } = row;
            const keys = node.leafKey || node.kind !== 'LD' ? pointsUnder(node, plan) : [];
            const count = keys.filter((k) => selected.has(k)).length;
            const state = keys.length === 0 ? 'none' : count === keys.length ? 'all' : count > 0 ? 'some' : 'off';
            const p = node.leafKey ? plan.get(node.leafKey) : undefined;
            return (
              <div
                key={node.id}
                data-index={item.index}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={node.expandable && !flat ? row.expanded : undefined}
                aria-selected={state === 'all'}
                aria-label={flat ? node.leafKey ?? node.id : node.leafKey ?? node.name}
                tabIndex={item.index === Math.min(focus, rows.length - 1) ? 0 : -1}
                className={`tree-row kind-${node.kind}${state === 'all' ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, paddingLeft: 6 + row.depth * 16 }}
                onFocus={() => setFocus(item.index)}
                onKeyDown={(e) => onKey(e, row, item.index)}
                onClick={() => node.expandable && !flat && toggleOpen(node)}
              >
                <span className="twisty" aria-hidden="true">{node.expandable && !flat ? (row.expanded ? '▾' : '▸') : ''}</span>
                {state !== 'none' ? (
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-hidden="true"
                    checked={state === 'all'}
                    ref={(el) => {
                      if (el) el.indeterminate = state === 'some';
                    }}
                    onClick={(e) => e.stopPropagation()}
                    onChange={() => toggleSelect(node)}
                  />
                ) : (
                  <span className="checkbox-space" />
                )}
                <span className="kind">{node.kind}</span>
                <span className="name">{flat ? node.leafKey : node.name}</span>
                {node.fc ? <span className="fc">{node.fc}</span> : null}
                {node.type && node.type !== 'struct' ? <span className="type">{node.type}</span> : null}
                {node.count !== null ? <span className="muted">[{node.count}]</span> : null}
                {node.detail && !node.leafKey ? <span className="muted detail">{node.detail}</span> : null}
                {p && p.tier !== 'all' ? <span className={`tier tier-${p.tier}`}>{p.tier}</span> : null}
              </div>
            );
          })}
        </div>
        {rows.length === 0 ? <p className="table-empty">Nothing matches.</p> : null}
      </div>
    </div>
  );
}
