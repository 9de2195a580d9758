import { answerBlocks, linkify } from './knowledge.format.js';

/** A line of text with its web addresses as links. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} rel="noopener">
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** An answer written with light structure (knowledge.format.ts), rendered with no markup taken from the text; the portal and the console share it. */
export function Answer({ text }: { text: string }) {
  return (
    <div className="answer">
      {answerBlocks(text).map((b, i) => {
        if (b.kind === 'p')
          return (
            <p key={i}>
              <Inline text={b.text} />
            </p>
          );
        const items = b.items.map((it, j) => (
          <li key={j}>
            <Inline text={it} />
          </li>
        ));
        return b.kind === 'ul' ? <ul key={i}>{items}</ul> : <ol key={i}>{items}</ol>;
      })}
    </div>
  );
}
