/** The widget bundle's entry (esbuild bundles from here into one IIFE). */
import { startWidget } from './discover.js';

startWidget();
