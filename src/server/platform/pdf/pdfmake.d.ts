// pdfmake 0.3 ships no types (and @types/pdfmake describes 0.2): the little of it we use.
declare module 'pdfmake' {
  type OutputDocument = { getBuffer(): Promise<Buffer>; getStream(): Promise<NodeJS.ReadableStream & { end(): void }> };
  const pdfmake: {
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument;
  };
  export default pdfmake;
}
