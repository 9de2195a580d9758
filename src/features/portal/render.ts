import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** Renders a page element to a complete HTML document. */
export const renderPage = (el: ReactElement) => `<!DOCTYPE html>${renderToStaticMarkup(el)}`;
