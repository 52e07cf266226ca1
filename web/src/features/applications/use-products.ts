import { useResource } from '../../api/use-resource';
import { useLocalised } from '../../shared/use-localised';
import { fetchProducts, type Product } from './applications-api';

export function useProducts() {
  const products = useResource(fetchProducts, []);
  const localised = useLocalised();
  const items = products.data?.items ?? [];
  return {
    ...products,
    items,
    find: (code: string): Product | undefined => items.find((p) => p.code === code),
    /** The product's name in the current language, or its code while products load. */
    nameOf: (code: string): string => {
      const product = items.find((p) => p.code === code);
      return product ? localised(product.name) : code;
    },
  };
}
