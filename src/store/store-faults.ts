import type { FaultPoint, FaultPoints } from '../core/fault-points.ts';
import type { DriverErrorClassifier } from './classified-dialect.ts';

/**
 * The store's side of the fault points: fires one, and what a test armed
 * there (a driver's own error: a pg "Connection terminated unexpectedly", an
 * SqliteError SQLITE_BUSY) is classified exactly as if the driver had thrown it.
 */
export function storeFaultPoints(faults: FaultPoints | undefined, classify: DriverErrorClassifier): (point: FaultPoint) => void {
  return (point) => {
    try {
      faults?.hit(point);
    } catch (error) {
      throw classify(error);
    }
  };
}
