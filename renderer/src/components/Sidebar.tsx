import { SECTIONS, hrefOf, type SectionId } from '../sections';
import { Icon, Logo } from './Icon';

export function Sidebar({ current }: { current: SectionId }) {
  return (
    <aside className="sidebar">
      <a className="brand" href={hrefOf('start')} aria-current={current === 'start' ? 'page' : undefined}>
        <Logo />
        <span>RelayGate</span>
      </a>
      <nav aria-label="Sections">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={hrefOf(section.id)} aria-current={current === section.id ? 'page' : undefined}>
                <Icon name={section.id} />
                <span>{section.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
