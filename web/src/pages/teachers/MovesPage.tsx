// Teachers page (skeleton, replaced by its owner).
import { PageHeader } from '../../components/PageHeader.js';

export default function MovesPage() {
  return <PageHeader title="MovesPage" />;
}
