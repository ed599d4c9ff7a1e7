import './kbd.css';

/** Keys of a shortcut, e.g. `<Keys keys={['g', 'l']} />` renders g then l. */
export function Keys({ keys, joiner = 'then' }: { keys: readonly string[]; joiner?: 'then' | 'plus' }) {
  return (
    <span className="keys">
      {keys.map((key, index) => (
        <span key={`${index}-${key}`} className="keys__item">
          {index > 0 && <span className="keys__joiner">{joiner === 'then' ? 'then' : '+'}</span>}
          <kbd className="kbd">{key}</kbd>
        </span>
      ))}
    </span>
  );
}
