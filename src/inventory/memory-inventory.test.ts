/** The in-memory inventory that unit tests and benchmarks use keeps the same contract as the SQLite one. */
import { describeInventoryContract } from './inventory-contract.js';
import { MemoryInventory } from './memory-inventory.js';

describeInventoryContract('memory', async () => {
  const inventory = new MemoryInventory();
  return { inventory, cleanup: () => inventory.close() };
});
