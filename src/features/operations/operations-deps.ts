import type { SlaPolicy } from '../../core/operations/sla';
import type { OperationsReadModel } from './operations-read-model.port';

export interface OperationsDeps {
  readModel: OperationsReadModel;
  slaPolicy: SlaPolicy;
  clock: () => Date;
}
