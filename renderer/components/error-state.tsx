import { RequestError } from '../data/request-error.ts';
import { Button } from './button.tsx';
import { Icon } from './icons.tsx';
import './error-state.css';

/** A failed request, with the contract's error code and message, and a way to try again. */
export function ErrorState({ error, onRetry, testId }: { error: Error; onRetry?: () => void; testId?: string }) {
  const code = error instanceof RequestError ? error.code : 'error';
  const message = error instanceof RequestError ? error.message.slice(code.length + 2) : error.message;
  return (
    <div className="error-state" role="alert" data-testid={testId} data-code={code}>
      <div className="error-state__text">
        <code className="error-state__code">{code}</code>
        <span>{message}</span>
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          <Icon name="retry" size={14} />
          Try again
        </Button>
      )}
    </div>
  );
}
