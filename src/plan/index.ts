/**
 * Planning a run: discovery, selection, order and size, as one {@link RunPlan}.
 *
 * @packageDocumentation
 */
export { discoverRun, planRun } from './planRun';
export { selectTests, unitsOf } from './selectTests';
export type { Selection } from './selectTests';
export type { DiscoveredRun, ListedTests, PlanSettings, RunHistory, RunPlan, TestLister } from './interfaces';
