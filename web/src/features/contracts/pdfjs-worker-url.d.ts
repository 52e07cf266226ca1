// Vite's `?url` import: the file is emitted with the bundle and the import is its URL.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
