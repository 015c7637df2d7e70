import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { BuilderIssue } from '../builder-types.ts';
import type { BuilderFlowNode, BuilderNodeData } from './builder-node-data.ts';

function IssueBadge({ issues }: { issues: BuilderIssue[] }) {
  if (issues.length === 0) return null;
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const words = errors > 0 ? `${errors} problem${errors === 1 ? '' : 's'}` : `${issues.length} warning${issues.length === 1 ? '' : 's'}`;
  return (
    <span className={`builder-node-issues ${errors > 0 ? 'bad' : 'warn'}`} title={issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n')}>
      {words}
    </span>
  );
}

function NodeBody({ data, group }: { data: BuilderNodeData; group: boolean }) {
  const classes = ['builder-node', group ? 'group' : '', data.highlight === null ? '' : `state-${data.highlight}`, data.dimmed ? 'dimmed' : '', data.issues.some((issue) => issue.severity === 'error') ? 'has-errors' : '']
    .filter((name) => name !== '')
    .join(' ');
  const count = data.outputs.length;
  return (
    <div className={classes} data-testid="builder-node" aria-label={`${data.label}: ${data.meta}`}>
      {data.target && <Handle type="target" position={Position.Top} id="in" />}
      <div className="builder-node-head">
        <div className="builder-node-title">{data.label}</div>
        <IssueBadge issues={data.issues} />
      </div>
      <div className="builder-node-meta">{data.meta}</div>
      {data.outputs.map((output, index) => {
        const left = `${((index + 1) / (count + 1)) * 100}%`;
        return (
          <Handle key={output.handle} type="source" id={output.handle} position={Position.Bottom} isConnectable={data.target} style={{ left }} title={`Drag to connect: ${output.label}`} data-handle={output.handle}>
            {count > 1 && <span className="builder-handle-label">{output.label}</span>}
          </Handle>
        );
      })}
      {data.bodies.map((body, index) => (
        <Handle key={body} type="source" id={body} position={Position.Bottom} isConnectable={false} className="builder-body-handle" style={{ left: `${((index + 1) / (data.bodies.length + 1)) * 100}%`, top: 44, bottom: 'auto' }} />
      ))}
    </div>
  );
}

export const builderNodeTypes = {
  trigger: ({ data }: NodeProps<BuilderFlowNode>) => <NodeBody data={data} group={false} />,
  step: ({ data }: NodeProps<BuilderFlowNode>) => <NodeBody data={data} group={false} />,
  container: ({ data }: NodeProps<BuilderFlowNode>) => <NodeBody data={data} group={true} />,
};
