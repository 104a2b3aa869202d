"use client";
// Wraps a form whose server action may be refused for too many requests (a 429
// from proxy.ts). Next's client turns that refusal into an error thrown where
// the form's useActionState is, which would otherwise reach app/error.tsx and
// replace the whole page. Here it puts the form back (fresh, so keep typed text
// outside it) and says why beside it, announced at once; the next submit clears
// the message. Any other error goes on to the page's error boundary as before.
// A class component because only those can catch errors in React.
import { Component, type ReactNode } from "react";
import clsx from "clsx";
import { isTooManyRequests } from "@/lib/too-many-requests";

type Props = {
  children: ReactNode;
  /** "span" beside inline controls (the bookmark toggle), "div" around block forms. */
  as?: "span" | "div";
  /** Text size of the message, as the form's own results. */
  size?: "xs" | "sm";
};

export class RateLimitBoundary extends Component<Props, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error && !isTooManyRequests(error)) throw error;
    const Tag = this.props.as ?? "div";
    const text = this.props.size === "sm" ? "text-sm" : "text-xs";
    return (
      // Inline: the form and the message stay items of the surrounding flex row. Block: a box of its
      // own, which takes the parent's spacing as the form did.
      <Tag
        className={Tag === "span" ? "contents" : undefined}
        onSubmitCapture={() => error && this.setState({ error: null })}
      >
        {this.props.children}
        {isTooManyRequests(error) && (
          <span
            role="alert"
            className={clsx(text, "text-red-700 dark:text-red-400", Tag === "span" ? "ml-2" : "mt-1 block")}
          >
            {error.message.trim()}
          </span>
        )}
      </Tag>
    );
  }
}
