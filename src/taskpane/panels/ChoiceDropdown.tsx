/** The pane's dropdowns of choices (column mapping, report period), by keyboard as safely as by mouse. */
import { Dropdown, Option } from '@fluentui/react-components';

/**
 * A Fluent Dropdown that commits a choice only on a click or Enter (Space too, as on any button): arrow keys just
 * move through the list, and Tab leaves without changing anything, so the keyboard can never remap a column by
 * passing through it. Focus stays on the control after the choice is saved.
 */
export function ChoiceDropdown(props: {
  id?: string;
  className?: string;
  'aria-label'?: string;
  disabled?: boolean;
  value: string;
  options: readonly { value: string; text: string }[];
  onChoose(value: string): void;
}): JSX.Element {
  const chosen = props.options.find((o) => o.value === props.value) ?? props.options[0];
  return (
    <Dropdown
      {...(props.id !== undefined ? { id: props.id, 'aria-labelledby': `${props.id}-label` } : {})}
      {...(props['aria-label'] !== undefined ? { 'aria-label': props['aria-label'] } : {})}
      className={props.className}
      {...(props.disabled === true ? { disabled: true } : {})}
      value={chosen?.text ?? ''}
      selectedOptions={chosen !== undefined ? [chosen.value] : []}
      positioning={{ autoSize: 'width' }}
      onOptionSelect={(event, data) => {
        // Fluent also selects the highlighted option on Tab; leaving a field is no choice.
        if ('key' in event && event.key === 'Tab') return;
        if (data.optionValue !== undefined && data.optionValue !== props.value) props.onChoose(data.optionValue);
      }}
    >
      {props.options.map((option) => (
        <Option key={option.value} value={option.value}>
          {option.text}
        </Option>
      ))}
    </Dropdown>
  );
}
