import { CapabilitiesPanel } from './capabilities-panel.tsx';
import { HeartbeatPanel } from './heartbeat-panel.tsx';
import { SystemInfoPanel } from './system-info-panel.tsx';
import { ViewHeader } from './view-header.tsx';
import './overview-view.css';

export function OverviewView() {
  return (
    <div className="view" data-testid="view-overview" data-available="true">
      <ViewHeader title="Overview" summary="This Warden, where it keeps its data, and whether its core is alive." />
      <div className="overview">
        <SystemInfoPanel />
        <HeartbeatPanel />
        <div className="overview__wide">
          <CapabilitiesPanel />
        </div>
      </div>
    </div>
  );
}
