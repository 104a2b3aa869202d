"use client";
// The shelf's small forms, each a server action with a visible result: the note
// editor, tag chips with add and remove, the read toggle, renaming a tag. Every
// one also works without JavaScript as a plain POST that returns to the shelf.
// Each sits in a RateLimitBoundary, which says so when the server refuses too
// many requests and puts the form back; the note's text is kept outside it.
import { useActionState, useState } from "react";
import {
  addTagToBookmark,
  markRead,
  removeTagFromBookmark,
  renameShelfTag,
  saveNote,
  type FormState,
} from "@/lib/actions/shelf";
import { MAX_NOTE_LENGTH as MAX_NOTE, MAX_TAG_LENGTH } from "@/lib/shelf-limits";
import { FormResult, inputClass } from "@/components/form-result";
import { RateLimitBoundary } from "@/components/rate-limit-boundary";

const button =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800";

type NoteProps = { bookmarkId: number; note: string; title: string };

export function NoteEditor(props: NoteProps) {
  // Controlled only for the character count; the form posts the textarea as usual (also without JavaScript).
  // Held here, outside the boundary, so a refused save keeps what was typed.
  const [text, setText] = useState(props.note);
  return (
    <RateLimitBoundary>
      <NoteForm {...props} text={text} setText={setText} />
    </RateLimitBoundary>
  );
}

function NoteForm({ bookmarkId, title, text, setText }: NoteProps & { text: string; setText: (text: string) => void }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveNote, {});
  const id = `note-${bookmarkId}`;
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="bookmarkId" value={bookmarkId} />
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        Note <span className="sr-only">on {title}</span>
      </label>
      <textarea
        id={id}
        name="note"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={text ? 3 : 1}
        placeholder="Why it matters, what to try…"
        aria-describedby={`${id}-count`}
        className={`${inputClass} w-full resize-y`}
      />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>
          {pending ? "Saving…" : "Save note"}
        </button>
        <span
          id={`${id}-count`}
          className={text.length > MAX_NOTE ? "text-xs text-red-700 dark:text-red-400" : "text-xs text-zinc-500"}
        >
          {text.length.toLocaleString("en-US")} / {MAX_NOTE.toLocaleString("en-US")}
        </span>
        <FormResult state={state} />
      </div>
    </form>
  );
}

type TagProps = { bookmarkId: number; tags: string[]; title: string };

export function TagEditor(props: TagProps) {
  return (
    <RateLimitBoundary>
      <TagForms {...props} />
    </RateLimitBoundary>
  );
}

function TagForms({ bookmarkId, tags, title }: TagProps) {
  const [added, addAction, adding] = useActionState<FormState, FormData>(addTagToBookmark, {});
  const [removed, removeAction] = useActionState<FormState, FormData>(removeTagFromBookmark, {});
  const id = `tag-${bookmarkId}`;
  return (
    <div className="space-y-1">
      {tags.length > 0 && (
        <ul aria-label={`Tags on ${title}`} className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li key={tag}>
              <form
                action={removeAction}
                className="inline-flex items-center rounded-full bg-zinc-200 pl-2 text-xs dark:bg-zinc-800"
              >
                <input type="hidden" name="bookmarkId" value={bookmarkId} />
                <input type="hidden" name="tag" value={tag} />
                <a href={`/bookmarks?tag=${encodeURIComponent(tag)}`} className="hover:underline">
                  {tag}
                </a>
                <button
                  type="submit"
                  aria-label={`Remove tag ${tag}`}
                  className="rounded-full px-1.5 py-0.5 hover:bg-zinc-300 dark:hover:bg-zinc-700"
                >
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form
        action={addAction}
        className="flex items-center gap-2"
        // Clear the box once a tag was added (with JavaScript; without it the page reloads anyway).
        onSubmit={(e) => {
          const form = e.currentTarget;
          setTimeout(() => form.reset(), 0);
        }}
      >
        <input type="hidden" name="bookmarkId" value={bookmarkId} />
        <label htmlFor={id} className="sr-only">
          Add a tag to {title}
        </label>
        <input
          id={id}
          name="tag"
          placeholder="Add a tag"
          maxLength={MAX_TAG_LENGTH}
          required
          className={`${inputClass} w-32 text-xs`}
        />
        <button type="submit" disabled={adding} className={button}>
          Add tag
        </button>
        <FormResult state={added.error ? added : removed} />
      </form>
    </div>
  );
}

type ReadProps = { bookmarkId: number; read: boolean };

export function ReadToggle(props: ReadProps) {
  return (
    <RateLimitBoundary as="span">
      <ReadForm {...props} />
    </RateLimitBoundary>
  );
}

function ReadForm({ bookmarkId, read }: ReadProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(markRead, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="bookmarkId" value={bookmarkId} />
      <input type="hidden" name="read" value={String(!read)} />
      <button type="submit" disabled={pending} className={button}>
        {read ? "Mark as unread" : "Mark as read"}
      </button>
      <FormResult state={state.error ? state : {}} />
    </form>
  );
}

export function RenameTag({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <RateLimitBoundary>
      <RenameForm tags={tags} />
    </RateLimitBoundary>
  );
}

function RenameForm({ tags }: { tags: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(renameShelfTag, {});
  return (
    <form action={action} className="space-y-2">
      <h3 className="text-sm font-semibold">Rename a tag</h3>
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="rename-from">
          Tag to rename
        </label>
        <select id="rename-from" name="from" className={inputClass}>
          {tags.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label className="sr-only" htmlFor="rename-to">
          New name
        </label>
        <input
          id="rename-to"
          name="to"
          placeholder="New name"
          required
          maxLength={MAX_TAG_LENGTH}
          className={`${inputClass} w-32`}
        />
        <button type="submit" disabled={pending} className={button}>
          Rename
        </button>
      </div>
      <FormResult state={state} />
    </form>
  );
}
