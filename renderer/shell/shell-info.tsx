import { useBridge } from '../data/bridge-context.tsx';
import { useSystemInfo } from '../data/use-system-info.ts';

/** "headless · v0.1.0": which shell serves this console, and its version once known. */
export function ShellInfo() {
  const bridge = useBridge();
  const info = useSystemInfo();
  const shell = info.data?.shell ?? (bridge.kind === 'ipc' ? 'desktop' : 'headless');
  return (
    <span className="shell-info" data-testid="shell-info" title={`Served by the ${shell} shell`}>
      <span className="shell-info__kind">{shell}</span>
      {info.data && <span className="shell-info__version mono">v{info.data.version}</span>}
    </span>
  );
}
