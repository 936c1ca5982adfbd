export { Executor, runGraph, type ExecutorOptions, type RunOptions } from './executor.js';
export { inferShapes, planGraph, type ExecutionPlan, type PlanStep } from './plan.js';
