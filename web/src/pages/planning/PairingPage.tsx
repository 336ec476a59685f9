// Planning page (skeleton, replaced by its owner).
import { PageHeader } from '../../components/PageHeader.js';

export default function PairingPage() {
  return <PageHeader title="PairingPage" />;
}
