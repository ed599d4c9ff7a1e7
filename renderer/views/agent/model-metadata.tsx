import type { ModelMetadata } from '../../../app/contract/index.ts';
import { formatBytes } from '../../format/bytes.ts';
import { formatCount, formatParameters } from './agent-format.ts';

/** What the file's header says, read before loading: the person decides with this in front of them. */
export function ModelMetadataList({ metadata }: { metadata: ModelMetadata }) {
  const rows: [string, string, string][] = [
    ['file', 'File', `${metadata.fileName} (${formatBytes(metadata.sizeBytes)})`],
    ['name', 'Name', metadata.name ?? '—'],
    ['architecture', 'Architecture', metadata.architecture],
    [
      'parameters',
      'Parameters',
      metadata.parameters === null ? (metadata.sizeLabel ?? '—') : `${formatParameters(metadata.parameters)} (${formatCount(metadata.parameters)})`,
    ],
    ['quantisation', 'Quantisation', metadata.quantisation ?? 'not stated'],
    ['context', 'Context length', metadata.contextLength === null ? 'not stated' : `${formatCount(metadata.contextLength)} tokens`],
    ['layers', 'Layers', metadata.layers === null ? '—' : String(metadata.layers)],
    [
      'template',
      'Chat template',
      metadata.chatTemplate.present ? (metadata.chatTemplate.wrapper ?? 'present') : `none in the file${metadata.chatTemplate.wrapper === null ? '' : ` (using ${metadata.chatTemplate.wrapper})`}`,
    ],
    ['tool-calling', 'Tool calls', metadata.toolCalling === 'native' ? "the model's own function-calling template" : 'JSON grammar (works with any model)'],
    ['gguf', 'GGUF version', metadata.ggufVersion === null ? '—' : String(metadata.ggufVersion)],
  ];
  return (
    <dl className="agent-metadata" data-testid="model-metadata" data-architecture={metadata.architecture}>
      {rows.map(([key, term, value]) => (
        <div key={key} className="agent-metadata__row">
          <dt>{term}</dt>
          <dd className={key === 'file' ? 'mono' : undefined} data-testid={`model-meta-${key}`} title={key === 'file' ? metadata.path : undefined}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
