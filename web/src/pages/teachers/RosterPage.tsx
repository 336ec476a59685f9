// Teachers page (skeleton, replaced by its owner).
import { PageHeader } from '../../components/PageHeader.js';

export default function RosterPage() {
  return <PageHeader title="RosterPage" />;
}
