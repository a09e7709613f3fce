// Request schemas other workspaces may import (the portal's forms validate with them), free of server code:
// only zod and @peiyu/contracts behind them. The package index exports the pure core, which is not for browsers.
export { HnteApplicationFormSchema, RecommendBody, ReturnBody, ScoreBody } from './commands/schemas';
