import { MemoryBudgetStore } from '../../../lib/limits/store';
import { budgetStoreCases } from './store-cases';

budgetStoreCases('MemoryBudgetStore', () => new MemoryBudgetStore());
