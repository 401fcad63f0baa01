/**
 * One filter of a staff list's GET form (the work queue, the inspectors' day): a labelled select
 * whose first options are the "every…" choices; the chosen value comes back in the URL, so the
 * form works without JavaScript. Nothing of the member's own to fill in: autocomplete off.
 */
export function FilterSelect({
  id,
  label,
  value,
  options,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-bold">
        {label}
      </label>
      <select
        id={id}
        name={id}
        autoComplete="off"
        defaultValue={value}
        className="input w-full bg-white sm:w-auto"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
