import { DATASET_FIELDS } from '../src/physics/fieldTable';
import type { BlockDef } from './block';
import { dataPort } from './dataPort';

/** One source block per dataset field, named and described by the field table. */
export const datasetPorts: readonly BlockDef[] = DATASET_FIELDS.map((f) => dataPort(f.name, f.description));
