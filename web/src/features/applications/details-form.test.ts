import { describe, expect, it } from 'vitest';
import { toDetails, toFormValues } from './details-form';

describe('the wizard form values as API details', () => {
  it('sends only filled-in fields, trimmed, with the product', () => {
    const details = toDetails(
      {
        loan: { amount: '50000', termMonths: 24, purposeDetail: '  ' },
        applicant: { fullName: ' 张三 ', address: '', yearsEmployed: undefined },
        company: { name: 'left over from another kind' },
      },
      'personal-consumer',
      'individual',
    );
    expect(details).toEqual({
      loan: { productCode: 'personal-consumer', amount: '50000', termMonths: 24 },
      applicant: { fullName: '张三' },
    });
  });

  it('drops empty stakeholder rows and empty sections', () => {
    // A row just added to the form's list is undefined until something is typed into it.
    const blankRow = undefined as never;
    const details = toDetails(
      { loan: {}, stakeholders: [{ role: 'guarantor', name: '王五', mobile: '' }, blankRow], financials: {} },
      'enterprise-working-capital',
      'enterprise',
    );
    expect(details).toEqual({
      loan: { productCode: 'enterprise-working-capital' },
      stakeholders: [{ role: 'guarantor', name: '王五' }],
    });
  });

  it('round-trips a saved draft', () => {
    const saved = {
      loan: { productCode: 'personal-consumer', amount: '1000.50' },
      applicant: { fullName: '张三' },
    };
    expect(toDetails(toFormValues(saved), 'personal-consumer', 'individual')).toEqual(saved);
  });
});
