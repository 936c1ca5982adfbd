export { Executor, runGraph, type RunOptions } from './executor.js';
export { inferShapes, planGraph, type ExecutionPlan, type PlanStep } from './plan.js';
