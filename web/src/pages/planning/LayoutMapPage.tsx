// Planning page (skeleton, replaced by its owner).
import { PageHeader } from '../../components/PageHeader.js';

export default function LayoutMapPage() {
  return <PageHeader title="LayoutMapPage" />;
}
