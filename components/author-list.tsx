// A paper's authors under its title: all of them, or for a long list the first
// ten and the rest behind a native <details> (no client JavaScript).
const LONG_LIST = 12;
const SHOWN = 10;

export function AuthorList({ authors }: { authors: string[] }) {
  if (authors.length === 0) return null;
  if (authors.length <= LONG_LIST) return <p>{authors.join(", ")}</p>;
  const rest = authors.slice(SHOWN);
  return (
    <div>
      <p>{authors.slice(0, SHOWN).join(", ")},</p>
      <details className="mt-0.5">
        <summary className="w-fit cursor-pointer text-indigo-700 hover:underline dark:text-indigo-300">
          and {rest.length} more
        </summary>
        <p>{rest.join(", ")}</p>
      </details>
    </div>
  );
}
