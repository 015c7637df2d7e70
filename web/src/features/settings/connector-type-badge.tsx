import { useQuery } from '@tanstack/react-query';
import { connectorTypesQuery } from './connector-forms.tsx';

/** A connector's type named for people ("SMTP server", not `smtp`): its title from GET /connector-types, the id until the titles arrive. */
export function ConnectorTypeBadge({ type }: { type: string }) {
  const title = useQuery(connectorTypesQuery).data?.types.find((spec) => spec.type === type)?.title;
  return (
    <span className="badge muted" title={`Type ${type}`}>
      {title ?? type}
    </span>
  );
}
