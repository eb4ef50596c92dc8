import {
  cloneElement,
  type FocusEvent,
  type KeyboardEvent,
  lazy,
  type ReactElement,
  type ReactNode,
  Suspense,
  useEffect,
  useRef,
  useState,
} from 'react';

// Mantine's Tooltip brings floating-ui (about 17 KB of brotli), more than a list's first render
// can afford (issue 20, point 9): it loads the first time any hint is asked for. Placed beside
// the element rather than around it, so its arrival never remounts the element (which would drop
// its focus, or the focus a dialog it opened means to return to).
const HintTooltip = lazy(() => import('./HintTooltip.js').then((m) => ({ default: m.HintTooltip })));

type EventProps = {
  onMouseEnter?: () => void;
  onMouseLeave?: () => void;
  onFocus?: (event: FocusEvent<HTMLElement>) => void;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
};

type Props = {
  label: ReactNode;
  /** One element taking a ref and the pointer and focus events; the hint shows beside it. */
  children: ReactElement<EventProps & { ref?: (node: HTMLElement | null) => void }>;
  /** Milliseconds of hovering or focus before the hint shows. */
  openDelay?: number;
};

/**
 * A tooltip shown while the element is hovered or has keyboard focus (as Mantine's Tooltip does),
 * closed by Escape.
 */
export function Hint({ label, children, openDelay = 0 }: Props) {
  const [target, setTarget] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  const [asked, setAsked] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const open = () => {
    setAsked(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setOpened(true), openDelay);
  };
  const close = () => {
    window.clearTimeout(timer.current);
    setOpened(false);
  };
  const own = children.props;
  const element = cloneElement(children, {
    ref: setTarget,
    onMouseEnter: () => {
      own.onMouseEnter?.();
      open();
    },
    onMouseLeave: () => {
      own.onMouseLeave?.();
      close();
    },
    // Keyboard focus only: a click's focus is already under the pointer.
    onFocus: (event: FocusEvent<HTMLElement>) => {
      own.onFocus?.(event);
      if (event.currentTarget.matches(':focus-visible')) open();
    },
    onBlur: () => {
      own.onBlur?.();
      close();
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      own.onKeyDown?.(event);
      if (event.key === 'Escape') close();
    },
  });
  return (
    <>
      {element}
      {asked && target && (
        <Suspense fallback={null}>
          <HintTooltip label={label} target={target} opened={opened} />
        </Suspense>
      )}
    </>
  );
}
