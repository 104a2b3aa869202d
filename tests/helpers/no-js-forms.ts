// Forms as a browser without JavaScript would post them: read from a page's
// server-rendered HTML (each server action form carries its action's id and
// bound state in hidden $ACTION_ fields), then sent as multipart/form-data.
// Lets the browser tests replay a real action with headers of their choosing.

export type NoJsForm = {
  /** The form's fields in order: hidden fields, then named inputs with their value (empty when none). */
  fields: [string, string][];
  /** The HTML between <form> and </form>, to pick a form by what it shows. */
  html: string;
};

const decode = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

const attribute = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** Every POST form on the page that calls a server action. */
export function actionForms(html: string): NoJsForm[] {
  const forms: NoJsForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (attribute(m[1]!, "method") !== "POST") continue;
    const inner = m[2]!;
    const fields: [string, string][] = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input[0], "name");
      if (name !== undefined) fields.push([name, attribute(input[0], "value") ?? ""]);
    }
    if (fields.some(([name]) => name.startsWith("$ACTION_"))) forms.push({ fields, html: inner });
  }
  return forms;
}

/** The form's fields as a body, with `values` replacing or adding fields. */
export function formBody(form: NoJsForm, values: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of form.fields) if (!(name in values)) body.append(name, value);
  for (const [name, value] of Object.entries(values)) body.append(name, value);
  return body;
}
