// Teachers page (skeleton, replaced by its owner).
import { PageHeader } from '../../components/PageHeader.js';

export default function StructurePage() {
  return <PageHeader title="StructurePage" />;
}
