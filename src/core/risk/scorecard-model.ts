/**
 * The scorecard model artifact (评分卡模型): a versioned JSON document that holds everything needed to
 * score an applicant and to explain the score — bins, weights of evidence, coefficients, points — and
 * what it was trained on and how well it did. Trained scorecards (`kind: 'trained'`) come from
 * `trainScorecard`; expert scorecards (`kind: 'expert'`) are written by hand with documented weights.
 *
 * Points follow the usual scaling: score = offset + factor × ln(odds good:bad), with
 * factor = PDO / ln 2 and offset = baseScore − factor × ln(baseOdds). Each characteristic's bin points
 * are −(β·WOE + α/n)·factor + offset/n, so the points of an applicant's bins add up to the score.
 */
export const scorecardFormat = 'mianqian-scorecard/1' as const;

export interface LocalisedLabel {
  'zh-CN': string;
  en: string;
}

/** How a characteristic is computed from raw inputs (for a raw input, `{ op: 'input', name }`). */
export type Derivation =
  | { op: 'input'; name: string }
  /** numerator / denominator; `null` (missing) when the denominator is 0 or either is missing. */
  | { op: 'ratio'; numerator: Derivation; denominator: Derivation }
  | { op: 'sum'; of: Derivation[] }
  | { op: 'difference'; minuend: Derivation; subtrahend: Derivation }
  | { op: 'max'; of: Derivation[] }
  | { op: 'min'; of: Derivation[] }
  | { op: 'mean'; of: Derivation[] }
  /** How many of `of` are strictly above `threshold`. */
  | { op: 'countAbove'; of: Derivation[]; threshold: number };

/** A bin of a numeric characteristic: lower ≤ x < upper (`null` bounds are open). */
export interface RangeBin {
  kind: 'range';
  lower: number | null;
  upper: number | null;
}
/** A bin of a categorical characteristic: the value is one of `values` (as strings). */
export interface CategoryBin {
  kind: 'categories';
  values: string[];
}
/** Where missing values (and, for categorical characteristics, values never seen in training) go. */
export interface MissingBin {
  kind: 'missing';
}

export type BinCondition = RangeBin | CategoryBin | MissingBin;

export type Bin = BinCondition & {
  /** Human-readable, e.g. "[0.35, 0.80)" or "A11, A12". */
  label: string;
  /** Training rows in the bin (0 for expert bins). */
  count: number;
  /** Bad rate in the bin on training data (expert bins: the assumed rate, or null). */
  badRate: number | null;
  /** ln(%good / %bad); 0 for expert bins. */
  woe: number;
  /** Scorecard points, rounded to 0.01. */
  points: number;
};

export interface Characteristic {
  /** Machine name, e.g. "max_delay_6m". */
  name: string;
  label: LocalisedLabel;
  type: 'numeric' | 'categorical';
  derivation: Derivation;
  bins: Bin[];
  /** Logistic-regression coefficient on WOE (expert: 1). */
  coefficient: number;
  /** Information value on training data (expert: null). */
  informationValue: number | null;
  /**
   * Reason code given when this characteristic costs the applicant points, e.g. "R03", with its
   * wording in zh-CN and en.
   */
  reason: { code: string; text: LocalisedLabel };
}

export interface ScalingParameters {
  /** Points at `baseOdds`; default 600. */
  baseScore: number;
  /** good:bad odds at `baseScore`; default 50. */
  baseOdds: number;
  /** Points to double the odds; default 20. */
  pdo: number;
}

export interface BinaryMetrics {
  n: number;
  auc: number;
  ks: number;
  gini: number;
}

export interface ScorecardModel {
  format: typeof scorecardFormat;
  /** Stable id, e.g. "retail-taiwan". */
  id: string;
  /** e.g. "2026.11.1"; with `id`, names the model everywhere it is used. */
  version: string;
  kind: 'trained' | 'expert';
  label: LocalisedLabel;
  scaling: ScalingParameters;
  /** Logistic-regression intercept (log-odds of bad at WOE 0). */
  intercept: number;
  characteristics: Characteristic[];
  /**
   * Inputs that must never enter this model (protected characteristics: sex, marital status, age,
   * foreign worker …). Scoring refuses a model whose characteristics read any of them.
   */
  protectedInputs: string[];
  /** Training provenance (trained models only). */
  training: {
    dataSha256: string;
    target: string;
    rows: number;
    badRate: number;
    excludedColumns: string[];
    parameters: Record<string, unknown>;
    /** Characteristics considered and why each left out, if it was. */
    selection: { name: string; informationValue: number; selected: boolean; reason?: string }[];
  } | null;
  /** Validation metrics (trained: hold-out and k-fold; expert: null). */
  validation: {
    holdout: BinaryMetrics;
    crossValidation: { folds: number; auc: number[]; meanAuc: number };
    /** ROC curve on the hold-out, at most ~100 points. */
    roc: { fpr: number; tpr: number }[];
    /** Cumulative bad and good shares by score on the hold-out, for the KS chart. */
    ks: { score: number; cumulativeBad: number; cumulativeGood: number }[];
    /** Hold-out scores as a histogram (also the reference for population stability). */
    scoreHistogram: { edges: number[]; counts: number[] };
    /**
     * Fairness on the hold-out at the decision policy's approve cutoff (approve when PD < cutoff), by
     * the protected attributes the data holds (never model inputs): approval rate, disparate impact
     * (group's approval rate / the most approved group's), equal-opportunity difference (group's
     * true-positive rate among good payers − the reference group's).
     */
    fairness?: {
      approveBelowPd: number;
      groups: {
        attribute: 'sex' | 'age_band';
        group: string;
        n: number;
        approvalRate: number;
        truePositiveRate: number | null;
        disparateImpact: number;
        equalOpportunityDifference: number | null;
      }[];
    };
    /** The challenger compared on the same split, if one was trained. */
    challenger?: {
      kind: string;
      holdout: BinaryMetrics;
      crossValidation: { folds: number; auc: number[]; meanAuc: number };
      /**
       * Per record change (one more month of delay …): the share of hold-out applicants whose PD moves
       * the wrong way by more than one percentage point, under each model.
       */
      consistency?: {
        /** The change, in English (as in `decision`). */
        check: string;
        label: LocalisedLabel;
        applicants: number;
        challengerWrongShare: number;
        scorecardWrongShare: number;
      }[];
      /** True when the challenger is better and explains applicants at least as consistently. */
      qualifies: boolean;
      /** Why the scorecard stays (or not) the decision model. */
      decision: string;
    };
  } | null;
}
