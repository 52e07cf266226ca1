import { CheckOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin, Tooltip, Typography } from 'antd';
import {
  GlobalWorkerOptions,
  getDocument,
  RenderingCancelledException,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The CSP allows scripts from 'self' only: the worker is a file of our own bundle, never a CDN's.
GlobalWorkerOptions.workerSrc = workerUrl;

/** How long a page must be on screen before it counts as read. */
export const PAGE_VIEW_MS = 1500;

interface Props {
  /** The PDF's bytes (copied before pdf.js takes them, so the caller's buffer stays usable). */
  bytes: ArrayBuffer;
  /** Pages already recorded as read; `null` when this reader does not record reading (staff). */
  readPages: ReadonlySet<number> | null;
  /** Called once a page has been fully rendered and on screen for PAGE_VIEW_MS. */
  onPageViewed?: (page: number) => void;
}

/**
 * The contract, page by page on a canvas (pdf.js, no eval, worker from our origin): previous and next,
 * "page n of N", and which pages have been read. A page counts as viewed once it is rendered and at
 * least half of it has been visible for PAGE_VIEW_MS while the tab is in front.
 */
export function PdfReader({ bytes, readPages, onPageViewed }: Props) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [page, setPage] = useState(1);
  const [renderedPage, setRenderedPage] = useState<number | null>(null);
  const [width, setWidth] = useState(0);
  const [isOnScreen, setIsOnScreen] = useState(false);
  const frameRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onViewedRef = useRef(onPageViewed);
  onViewedRef.current = onPageViewed;

  // Open the document.
  useEffect(() => {
    setDoc(null);
    setLoadError(null);
    setPage(1);
    const task = getDocument({ data: new Uint8Array(bytes.slice(0)), isEvalSupported: false });
    let isCurrent = true;
    task.promise.then(
      (d) => {
        if (isCurrent) setDoc(d);
      },
      (e: unknown) => {
        if (isCurrent) setLoadError(e);
      },
    );
    return () => {
      isCurrent = false;
      void task.destroy();
    };
  }, [bytes]);

  // Follow the frame's width (phones turn, windows resize).
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  // Whether the page is (at least half) on screen.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new IntersectionObserver(
      ([entry]) => setIsOnScreen(Boolean(entry && entry.intersectionRatio >= 0.5)),
      { threshold: [0, 0.5, 1] },
    );
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  // Render the current page at the frame's width, sharp on high-density screens.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!doc || !canvas || width <= 0) return;
    let isCurrent = true;
    let cancel: (() => void) | null = null;
    setRenderedPage(null);
    void (async () => {
      try {
        const pdfPage = await doc.getPage(page);
        if (!isCurrent) return;
        const viewport = pdfPage.getViewport({ scale: width / pdfPage.getViewport({ scale: 1 }).width });
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        const task = pdfPage.render({
          canvas,
          viewport,
          transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
        });
        cancel = () => task.cancel();
        await task.promise;
        if (isCurrent) setRenderedPage(page);
      } catch (e) {
        if (!(e instanceof RenderingCancelledException) && isCurrent) setLoadError(e);
      }
    })();
    return () => {
      isCurrent = false;
      cancel?.();
    };
  }, [doc, page, width]);

  // A rendered, visible, unread page becomes read after PAGE_VIEW_MS (restarted if any of that changes).
  const isRecording = readPages !== null;
  const isRead = readPages?.has(page) ?? false;
  useEffect(() => {
    if (!isRecording || isRead || renderedPage !== page || !isOnScreen) return;
    let timer: number | undefined;
    const start = () => {
      window.clearTimeout(timer);
      if (document.visibilityState === 'visible')
        timer = window.setTimeout(() => onViewedRef.current?.(page), PAGE_VIEW_MS);
    };
    start();
    document.addEventListener('visibilitychange', start);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', start);
    };
  }, [isRecording, isRead, renderedPage, page, isOnScreen]);

  const pageCount = doc?.numPages ?? 0;
  const go = (to: number) => setPage(Math.min(Math.max(1, to), Math.max(1, pageCount)));

  return (
    <Flex vertical gap={12} data-testid="pdf-reader">
      {loadError !== null && (
        <Alert
          type="error"
          showIcon
          title={t('contracts.reader.failed')}
          description={loadError instanceof Error ? loadError.message : String(loadError)}
          data-testid="reader-error"
        />
      )}
      <Flex justify="space-between" align="center" gap={8}>
        <Button
          icon={<LeftOutlined />}
          disabled={!doc || page <= 1}
          onClick={() => go(page - 1)}
          data-testid="reader-prev"
        >
          {t('contracts.reader.previous')}
        </Button>
        <Flex vertical align="center">
          <Typography.Text
            strong
            data-testid="reader-page-indicator"
            data-page={page}
            data-page-count={pageCount}
            data-rendered={renderedPage === page}
          >
            {t('contracts.reader.pageOf', { page, count: pageCount || '…' })}
          </Typography.Text>
          {isRecording && (
            <Typography.Text
              type={isRead ? 'success' : 'secondary'}
              style={{ fontSize: 12 }}
              data-testid="reader-page-state"
              data-read={isRead}
            >
              {isRead ? (
                <>
                  <CheckOutlined /> {t('contracts.reader.pageRead')}
                </>
              ) : (
                t('contracts.reader.pageReading')
              )}
            </Typography.Text>
          )}
        </Flex>
        <Button
          icon={<RightOutlined />}
          iconPlacement="end"
          disabled={!doc || page >= pageCount}
          onClick={() => go(page + 1)}
          data-testid="reader-next"
        >
          {t('contracts.reader.next')}
        </Button>
      </Flex>
      <div
        ref={frameRef}
        style={{
          position: 'relative',
          width: '100%',
          minHeight: 200,
          background: '#f0f0f0',
          border: '1px solid #d9d9d9',
          lineHeight: 0,
        }}
      >
        <canvas
          ref={canvasRef}
          data-testid="reader-canvas"
          aria-label={t('contracts.reader.pageOf', { page, count: pageCount })}
          style={{ display: 'block', background: '#fff', maxWidth: '100%' }}
        />
        {renderedPage !== page && loadError === null && (
          <Flex
            justify="center"
            align="center"
            style={{ position: 'absolute', inset: 0, lineHeight: 'normal' }}
          >
            <Spin />
          </Flex>
        )}
      </div>
      {isRecording && pageCount > 0 && (
        <Flex wrap gap={4} data-testid="reader-pages">
          {Array.from({ length: pageCount }, (_, i) => i + 1).map((p) => {
            const read = readPages.has(p);
            return (
              <Tooltip
                key={p}
                title={read ? t('contracts.reader.pageRead') : t('contracts.reader.pageUnread')}
              >
                <Button
                  size="small"
                  type={p === page ? 'primary' : 'default'}
                  style={read && p !== page ? { borderColor: '#52c41a', color: '#389e0d' } : undefined}
                  icon={read ? <CheckOutlined /> : undefined}
                  onClick={() => go(p)}
                  data-testid={`reader-page-${p}`}
                  data-read={read}
                >
                  {p}
                </Button>
              </Tooltip>
            );
          })}
        </Flex>
      )}
    </Flex>
  );
}
