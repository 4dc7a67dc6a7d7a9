import { createCalculateTool } from './calculate.js';
import {
  createCheckInventoryTool,
  createGetProductTool,
  createListProductTypesTool,
  createRecommendTool,
  createSearchProductsTool,
} from './catalog-tools.js';
import {
  createCancelOrderTool,
  createChangeAddressTool,
  createChangeDefaultAddressTool,
  createChangePaymentTool,
  createExchangeItemsTool,
  createModifyItemsTool,
  createReturnItemsTool,
} from './change-order-tools.js';
import {
  createCustomerDetailsTool,
  createEscalateTool,
  createRememberPreferenceTool,
} from './customer-tools.js';
import type { ToolDeps } from './define-tool.js';
import { createSearchHelpCenterTool } from './help-center-tools.js';
import { createGetOrderTool, createListOrdersTool } from './order-tools.js';
import { createConfirmActionTool } from './pending-actions.js';
import { createNotifyWhenBackTool } from './stock-alert-tools.js';
import { createVerifyCustomerTool } from './verify-customer.js';

export type { ToolDeps, TurnContext } from './define-tool.js';
export { turnContextSchema } from './define-tool.js';

/** Every tool the agent may call, bound to its dependencies. */
export function createTools(deps: ToolDeps) {
  return [
    createVerifyCustomerTool(deps),
    createListOrdersTool(deps),
    createGetOrderTool(deps),
    createCustomerDetailsTool(deps),
    createCancelOrderTool(deps),
    createModifyItemsTool(deps),
    createChangePaymentTool(deps),
    createReturnItemsTool(deps),
    createExchangeItemsTool(deps),
    createChangeAddressTool(deps),
    createChangeDefaultAddressTool(deps),
    createConfirmActionTool(deps),
    createCheckInventoryTool(deps),
    createSearchProductsTool(deps),
    createGetProductTool(deps),
    createListProductTypesTool(deps),
    createRecommendTool(deps),
    createNotifyWhenBackTool(deps),
    createSearchHelpCenterTool(deps),
    createRememberPreferenceTool(deps),
    createEscalateTool(deps),
    createCalculateTool(deps),
  ];
}
