import { useEffect, useRef, type ComponentType } from 'react';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { DiagnosticsPage } from './features/diagnostics/DiagnosticsPage';
import { IedsPage } from './features/ieds/IedsPage';
import { LoginPage } from './features/login/LoginPage';
import { ModbusPage } from './features/modbus/ModbusPage';
import { MqttPage } from './features/mqtt/MqttPage';
import { PointsPage } from './features/points/PointsPage';
import { GuardDialogs } from './features/project/guard';
import { ProjectBar } from './features/project/ProjectBar';
import { RuntimePage } from './features/runtime/RuntimePage';
import { StartPage } from './features/start/StartPage';
import { TrendsPage } from './features/trends/TrendsPage';
import { useSection } from './route';
import type { SectionId } from './sections';
import { useSession } from './stores';

const PAGES: Record<SectionId, ComponentType> = {
  start: StartPage,
  ieds: IedsPage,
  points: PointsPage,
  runtime: RuntimePage,
  trends: TrendsPage,
  modbus: ModbusPage,
  mqtt: MqttPage,
  diagnostics: DiagnosticsPage,
};

export function App() {
  const section = useSection();
  const loginRequired = useSession((s) => s.loginRequired);
  const Page = PAGES[section];
  const main = useRef<HTMLElement>(null);
  // Move focus to the new page so keyboard and screen-reader users land on its content.
  useEffect(() => main.current?.focus({ preventScroll: true }), [section]);
  if (loginRequired) return <LoginPage />;
  return (
    <div className="frame">
      <Sidebar current={section} />
      <div className="workspace">
        <ProjectBar />
        <main ref={main} tabIndex={-1} className="content" data-section={section}>
          <Page />
        </main>
      </div>
      <StatusBar />
      <GuardDialogs />
    </div>
  );
}
