import { z } from 'zod';

// Validation messages a person reads are in Chinese; schemas with their own message keep it.
z.config(z.locales.zhCN());
