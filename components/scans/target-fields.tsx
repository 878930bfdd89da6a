'use client';

import { useController, useFormContext, useWatch } from 'react-hook-form';
import { fieldProps, type FormFields } from '@/components/ui/form';
import type { FieldErrors } from '@/components/ui/form-errors';
import { FormField } from '@/components/ui/form-field';
import { Textarea } from '@/components/ui/form-controls';
import { Select } from '@/components/ui/input';
import type { LookupItem } from '@/lib/schemas/lookup';
import { splitTargets } from '@/lib/schemas/scan-targets';
import type { ScanFormValues } from './scan-form-values';

type TargetFieldsProps = {
  fields: FormFields;
  errors: FieldErrors;
  assetOptions: LookupItem[];
  isAssetsLoading: boolean;
  /** Director refused its asset list: its words, shown in place of the choices */
  assetsUnavailable?: string | undefined;
  hasSci: boolean;
};

export function TargetFields({ fields, errors, assetOptions, isAssetsLoading, assetsUnavailable, hasSci }: TargetFieldsProps) {
  const { control, register } = useFormContext<ScanFormValues>();
  const ipList = useWatch({ control, name: 'ipList' });
  const assets = useController({ control, name: 'assets' });
  const count = splitTargets(ipList).length;
  return (
    <>
      <FormField
        {...fieldProps(fields, errors, 'ipList')}
        hint={`Addresses, ranges (10.0.0.1-10.0.0.20), CIDR blocks or host names, one per line or separated by commas.${count > 0 ? ` ${count} target${count === 1 ? '' : 's'}.` : ''}`}
      >
        {(aria) => <Textarea {...aria} {...register('ipList')} rows={6} placeholder={'10.0.0.0/24\nweb01.example.com'} />}
      </FormField>
      <FormField
        {...fieldProps(fields, errors, 'assets')}
        hint={
          !hasSci
            ? 'Choose an SCI to see its assets.'
            : assetsUnavailable
              ? `Director did not list assets (${assetsUnavailable}); scan by targets instead.`
              : 'Hold Ctrl (⌘ on Mac) to choose several.'
        }
      >
        {(aria) => (
          <Select
            {...aria}
            multiple
            className="h-[9.5rem] py-1"
            ref={assets.field.ref}
            name={assets.field.name}
            disabled={!hasSci || isAssetsLoading || assetsUnavailable !== undefined}
            value={assets.field.value.map(String)}
            onBlur={assets.field.onBlur}
            onChange={(e) => assets.field.onChange(Array.from(e.target.selectedOptions, (option) => Number(option.value)))}
          >
            {assetOptions.map((asset) => (
              <option key={asset.id} value={asset.id}>
                {asset.name}
              </option>
            ))}
          </Select>
        )}
      </FormField>
    </>
  );
}
