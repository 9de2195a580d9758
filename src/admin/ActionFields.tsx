import { Input, InputNumber, Select } from 'antd';

/** One field of a workflow action's form (the server checks every value again). */
export interface Field {
  name: string;
  label: string;
  kind: 'date' | 'text' | 'textarea' | 'number' | 'select' | 'multi' | 'lines';
  options?: { value: string; label: string }[];
  required?: boolean;
  extra?: string;
  initial?: unknown;
}

/** The control for one field; Form.Item passes id, value and onChange through to it. */
export function FieldInput({ f, ...control }: { f: Field } & Record<string, unknown>) {
  switch (f.kind) {
    case 'date':
      return <Input type="date" {...control} />;
    case 'number':
      return <InputNumber min={1} style={{ width: 160 }} {...control} />;
    case 'select':
      return <Select allowClear={!f.required} options={f.options} {...control} />;
    case 'multi':
      return <Select mode="multiple" options={f.options} {...control} />;
    case 'textarea':
    case 'lines':
      return <Input.TextArea rows={4} {...control} />;
    default:
      return <Input {...control} />;
  }
}
