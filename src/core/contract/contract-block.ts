/**
 * The document model a contract template produces and a renderer draws: a flat list of blocks in
 * reading order, with every word already in the contract's language. The model says nothing about
 * fonts, pages or coordinates, so the same model can become a PDF, an HTML preview in the signing room,
 * or a text digest for review.
 */
import type { SignerRole } from './contract-data';

/** The document title, centred, with small centred lines under it (contract number, template). */
export interface TitleBlock {
  readonly kind: 'title';
  readonly text: string;
  readonly subtitle: readonly string[];
}

/** Level 1: a part of the document (附件一, 签署页), centred. Level 2: a clause (第一条 借款金额). */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly level: 1 | 2;
  readonly text: string;
  /** A stable id of the part or clause (`rate`, `annex-schedule`), the same in every language. */
  readonly anchor?: string;
}

/** Running text; `emphasis` marks text the parties must have had drawn to their attention (bold). */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: string;
  readonly emphasis?: boolean;
  readonly align?: 'left' | 'center';
}

/** A ruled two-column table of labels and values (parties, the main loan terms). */
export interface KeyValueBlock {
  readonly kind: 'key-value';
  readonly rows: readonly { readonly key: string; readonly value: string }[];
}

/** One column of a table: `width` is relative to the other columns. */
export interface TableColumn {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'center' | 'right';
}

/**
 * A ruled table with a header row (the repayment schedule, the collateral list). A renderer that splits
 * it across pages repeats the header row; `footer` is a totals row after the last row.
 */
export interface TableBlock {
  readonly kind: 'table';
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
  readonly footer?: readonly string[];
}

/** Starts a new page (before an annex, before the signature page). */
export interface PageBreakBlock {
  readonly kind: 'page-break';
}

/** One party's place on the signature page, tied to the named empty signature field. */
export interface SignatureSlot {
  readonly role: SignerRole;
  /** e.g. 贷款人（电子签章） / Lender (electronic seal). */
  readonly roleLabel: string;
  readonly name: string;
  /** The AcroForm signature field name, e.g. `sig_borrower`. */
  readonly fieldName: string;
  /** Small print under the box, e.g. 签名域 sig_borrower. */
  readonly caption: string;
}

/** The signature boxes; a renderer creates one empty signature field per slot at the box. */
export interface SignaturesBlock {
  readonly kind: 'signatures';
  readonly slots: readonly SignatureSlot[];
}

/** One block of a contract document model. */
export type ContractBlock =
  TitleBlock | HeadingBlock | ParagraphBlock | KeyValueBlock | TableBlock | PageBreakBlock | SignaturesBlock;
