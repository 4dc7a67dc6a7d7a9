import { createCalculateTool } from './calculate.js';
import {
  createCheckInventoryTool,
  createGetProductTool,
  createRecommendTool,
  createSearchProductsTool,
} from './catalog-tools.js';
import {
  createCancelOrderTool,
  createChangeAddressTool,
  createReturnItemsTool,
} from './change-order-tools.js';
import {
  createEscalateTool,
  createRememberPreferenceTool,
  createStorePolicyTool,
} from './customer-tools.js';
import type { ToolDeps } from './define-tool.js';
import { createGetOrderTool, createListOrdersTool } from './order-tools.js';
import { createConfirmActionTool } from './pending-actions.js';
import { createVerifyCustomerTool } from './verify-customer.js';

export type { ToolDeps, TurnContext } from './define-tool.js';
export { turnContextSchema } from './define-tool.js';

/** Every tool the agent may call, bound to its dependencies. */
export function createTools(deps: ToolDeps) {
  return [
    createVerifyCustomerTool(deps),
    createListOrdersTool(deps),
    createGetOrderTool(deps),
    createCancelOrderTool(deps),
    createReturnItemsTool(deps),
    createChangeAddressTool(deps),
    createConfirmActionTool(deps),
    createCheckInventoryTool(deps),
    createSearchProductsTool(deps),
    createGetProductTool(deps),
    createRecommendTool(deps),
    createStorePolicyTool(deps),
    createRememberPreferenceTool(deps),
    createEscalateTool(deps),
    createCalculateTool(deps),
  ];
}
