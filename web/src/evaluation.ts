import type { EvaluateQuery } from './generated/graphql';

/** One evaluation as the console's Evaluate query fetches it (shared by App and Result). */
export type Evaluation = EvaluateQuery['evaluateWorkload'];
