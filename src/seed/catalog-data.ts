/**
 * The demo retailer, "Northwind Outfitters": outdoor, travel and everyday goods. Each category
 * lists what its products are made of and which categories customers buy with it; the
 * generator turns these into products, stock and orders.
 */

export type SizeScale = 'shoe' | 'apparel' | 'sock' | 'none';

export interface ProductKind {
  noun: string;
  subcategory: string;
  /** Features a product of this kind may have; some also become boolean attributes. */
  features: readonly string[];
  waterproof?: boolean;
}

export interface CategoryDef {
  category: string;
  kinds: readonly ProductKind[];
  adjectives: readonly string[];
  materials: readonly string[];
  brands: readonly string[];
  priceRange: readonly [number, number];
  sizes: SizeScale;
  colours: readonly string[];
  consumable: boolean;
  seasons: readonly string[];
  /** Categories often bought in the same basket. */
  companions: readonly string[];
}

export const SIZE_SCALES: Record<SizeScale, readonly string[]> = {
  shoe: ['38', '39', '40', '41', '42', '43', '44', '45', '46'],
  apparel: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  sock: ['S', 'M', 'L'],
  none: [],
};

const OUTDOOR_BRANDS = ['Northwind', 'Ridgeline', 'Fjordlite', 'Summit & Co', 'Alder Peak'];

export const CATEGORIES: readonly CategoryDef[] = [
  {
    category: 'footwear',
    kinds: [
      {
        noun: 'Hiking Boot',
        subcategory: 'hiking boots',
        features: ['ankle support', 'Vibram outsole', 'gusseted tongue'],
        waterproof: true,
      },
      {
        noun: 'Trail Runner',
        subcategory: 'trail running shoes',
        features: ['rock plate', 'breathable mesh', 'lugged outsole'],
      },
      {
        noun: 'Approach Shoe',
        subcategory: 'approach shoes',
        features: ['sticky rubber', 'climbing zone lacing'],
      },
      {
        noun: 'Sandal',
        subcategory: 'sandals',
        features: ['quick-dry straps', 'contoured footbed'],
      },
      {
        noun: 'Winter Boot',
        subcategory: 'winter boots',
        features: ['insulated lining', 'rated to -25 °C', 'ice grip'],
        waterproof: true,
      },
    ],
    adjectives: ['Trail', 'Alpine', 'Canyon', 'Tundra', 'Ridge', 'Granite', 'Cascade'],
    materials: ['full-grain leather', 'nubuck', 'recycled mesh', 'synthetic suede'],
    brands: OUTDOOR_BRANDS,
    priceRange: [59, 229],
    sizes: 'shoe',
    colours: ['black', 'brown', 'grey', 'olive', 'blue'],
    consumable: false,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['socks', 'care'],
  },
  {
    category: 'outerwear',
    kinds: [
      {
        noun: 'Rain Jacket',
        subcategory: 'rain jackets',
        features: ['taped seams', 'pit zips', 'packable hood'],
        waterproof: true,
      },
      {
        noun: 'Down Jacket',
        subcategory: 'insulated jackets',
        features: ['800-fill down', 'packs into pocket'],
      },
      { noun: 'Fleece', subcategory: 'fleece', features: ['anti-pill finish', 'zip chest pocket'] },
      {
        noun: 'Softshell',
        subcategory: 'softshells',
        features: ['four-way stretch', 'wind resistant'],
      },
      {
        noun: 'Parka',
        subcategory: 'parkas',
        features: ['synthetic insulation', 'faux-fur hood'],
        waterproof: true,
      },
    ],
    adjectives: ['Storm', 'Aurora', 'Glacier', 'Nimbus', 'Harbor', 'Polar'],
    materials: ['recycled nylon', 'polyester ripstop', 'Gore-Tex', 'merino blend'],
    brands: OUTDOOR_BRANDS,
    priceRange: [49, 349],
    sizes: 'apparel',
    colours: ['black', 'navy', 'red', 'forest green', 'yellow', 'grey'],
    consumable: false,
    seasons: ['autumn', 'winter', 'spring'],
    companions: ['accessories', 'apparel'],
  },
  {
    category: 'apparel',
    kinds: [
      {
        noun: 'Base Layer',
        subcategory: 'base layers',
        features: ['odour resistant', 'flatlock seams'],
      },
      { noun: 'Hiking Pant', subcategory: 'pants', features: ['zip-off legs', 'UPF 50'] },
      { noun: 'Tee', subcategory: 't-shirts', features: ['quick-dry', 'UPF 30'] },
      { noun: 'Shorts', subcategory: 'shorts', features: ['built-in liner', 'zip pocket'] },
      {
        noun: 'Flannel Shirt',
        subcategory: 'shirts',
        features: ['brushed cotton', 'snap buttons'],
      },
    ],
    adjectives: ['Everyday', 'Trailhead', 'Meadow', 'Coastline', 'Basecamp'],
    materials: ['merino wool', 'organic cotton', 'recycled polyester', 'hemp blend'],
    brands: OUTDOOR_BRANDS,
    priceRange: [19, 109],
    sizes: 'apparel',
    colours: ['white', 'black', 'sand', 'sky blue', 'rust', 'charcoal'],
    consumable: false,
    seasons: ['spring', 'summer', 'autumn'],
    companions: ['socks', 'accessories'],
  },
  {
    category: 'socks',
    kinds: [
      {
        noun: 'Hiking Sock',
        subcategory: 'hiking socks',
        features: ['cushioned sole', 'seamless toe'],
      },
      {
        noun: 'Running Sock',
        subcategory: 'running socks',
        features: ['arch compression', 'no-show cut'],
      },
      { noun: 'Ski Sock', subcategory: 'ski socks', features: ['over-the-calf', 'shin padding'] },
    ],
    adjectives: ['Merino', 'Lightweight', 'Midweight', 'Everyday'],
    materials: ['merino wool', 'nylon blend', 'bamboo viscose'],
    brands: ['Northwind', 'Woolly Goat', 'Ridgeline'],
    priceRange: [12, 29],
    sizes: 'sock',
    colours: ['grey', 'black', 'navy', 'heather'],
    consumable: true,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['footwear'],
  },
  {
    category: 'care',
    kinds: [
      {
        noun: 'Waterproofing Spray',
        subcategory: 'waterproofing',
        features: ['PFC-free', '300 ml'],
      },
      {
        noun: 'Leather Conditioner',
        subcategory: 'leather care',
        features: ['beeswax based', '100 ml'],
      },
      {
        noun: 'Tech Wash',
        subcategory: 'cleaning',
        features: ['restores breathability', '500 ml'],
      },
    ],
    adjectives: ['Pro', 'Eco', 'Original', 'Ultra'],
    materials: ['water-based formula'],
    brands: ['Northwind Care', 'Nikwax-style Labs', 'GreenGuard'],
    priceRange: [8, 24],
    sizes: 'none',
    colours: [],
    consumable: true,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['footwear', 'outerwear'],
  },
  {
    category: 'bags',
    kinds: [
      {
        noun: 'Daypack',
        subcategory: 'daypacks',
        features: ['hydration sleeve', 'padded laptop pocket', '22 L'],
      },
      {
        noun: 'Backpacking Pack',
        subcategory: 'backpacking packs',
        features: ['adjustable torso', 'rain cover', '55 L'],
        waterproof: true,
      },
      {
        noun: 'Duffel',
        subcategory: 'duffels',
        features: ['backpack straps', '60 L', 'lockable zips'],
        waterproof: true,
      },
      { noun: 'Sling Bag', subcategory: 'slings', features: ['RFID pocket', '6 L'] },
    ],
    adjectives: ['Voyager', 'Trek', 'Metro', 'Expedition', 'Weekender'],
    materials: ['recycled nylon', 'waxed canvas', 'Dyneema'],
    brands: OUTDOOR_BRANDS,
    priceRange: [39, 279],
    sizes: 'none',
    colours: ['black', 'olive', 'navy', 'orange'],
    consumable: false,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['camping', 'accessories'],
  },
  {
    category: 'camping',
    kinds: [
      {
        noun: 'Tent',
        subcategory: 'tents',
        features: ['two doors', 'freestanding', '2-person'],
        waterproof: true,
      },
      {
        noun: 'Sleeping Bag',
        subcategory: 'sleeping bags',
        features: ['rated to -5 °C', 'compression sack'],
      },
      {
        noun: 'Sleeping Pad',
        subcategory: 'sleeping pads',
        features: ['R-value 4.2', 'self-inflating'],
      },
      {
        noun: 'Camp Stove',
        subcategory: 'stoves',
        features: ['piezo ignition', 'boils 1 L in 3 min'],
      },
      {
        noun: 'Headlamp',
        subcategory: 'lighting',
        features: ['400 lumens', 'USB-C rechargeable', 'red light mode'],
      },
    ],
    adjectives: ['Basecamp', 'Firefly', 'Pinecone', 'Starlight', 'Backcountry'],
    materials: ['silnylon', 'aluminium', 'ripstop polyester'],
    brands: OUTDOOR_BRANDS,
    priceRange: [24, 449],
    sizes: 'none',
    colours: ['green', 'orange', 'grey'],
    consumable: false,
    seasons: ['spring', 'summer', 'autumn'],
    companions: ['nutrition', 'bags'],
  },
  {
    category: 'eyewear',
    kinds: [
      {
        noun: 'Sunglasses',
        subcategory: 'sunglasses',
        features: ['polarised lenses', 'UV400', 'lightweight frame'],
      },
      {
        noun: 'Glacier Glasses',
        subcategory: 'mountain glasses',
        features: ['side shields', 'category 4 lenses'],
      },
      {
        noun: 'Ski Goggles',
        subcategory: 'goggles',
        features: ['anti-fog', 'interchangeable lens'],
      },
    ],
    adjectives: ['Solstice', 'Horizon', 'Mirage', 'Coastal', 'Summit'],
    materials: ['TR90 nylon', 'acetate', 'titanium'],
    brands: ['Fjordlite', 'Sunward', 'Northwind'],
    priceRange: [29, 189],
    sizes: 'none',
    colours: ['black', 'tortoise', 'crystal', 'matte blue'],
    consumable: false,
    seasons: ['summer', 'winter'],
    companions: ['skincare', 'accessories'],
  },
  {
    category: 'skincare',
    kinds: [
      {
        noun: 'Sunscreen SPF 50',
        subcategory: 'sunscreen',
        features: ['reef-safe', 'water resistant 80 min'],
      },
      { noun: 'Lip Balm SPF 15', subcategory: 'lip care', features: ['beeswax', 'unscented'] },
      {
        noun: 'Hand Salve',
        subcategory: 'hand care',
        features: ['for cracked skin', 'lanolin free'],
      },
    ],
    adjectives: ['Mineral', 'Daily', 'Sport', 'Sensitive'],
    materials: ['zinc oxide', 'shea butter'],
    brands: ['SunFjord', 'Alder Botanics'],
    priceRange: [6, 28],
    sizes: 'none',
    colours: [],
    consumable: true,
    seasons: ['summer', 'winter'],
    companions: ['eyewear'],
  },
  {
    category: 'nutrition',
    kinds: [
      {
        noun: 'Energy Bar 12-pack',
        subcategory: 'bars',
        features: ['12 g protein', 'gluten free'],
      },
      {
        noun: 'Electrolyte Mix',
        subcategory: 'hydration',
        features: ['20 servings', 'no added sugar'],
      },
      { noun: 'Trail Mix', subcategory: 'snacks', features: ['resealable bag', '500 g'] },
      {
        noun: 'Freeze-Dried Meal',
        subcategory: 'camp meals',
        features: ['just add water', '2 servings'],
      },
    ],
    adjectives: ['Peak', 'Summit', 'Trail', 'Harvest'],
    materials: ['oats and nuts'],
    brands: ['Trail Pantry', 'Peak Fuel'],
    priceRange: [5, 39],
    sizes: 'none',
    colours: [],
    consumable: true,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['camping', 'fitness'],
  },
  {
    category: 'fitness',
    kinds: [
      { noun: 'Yoga Mat', subcategory: 'yoga', features: ['6 mm cushioning', 'non-slip'] },
      {
        noun: 'Water Bottle',
        subcategory: 'bottles',
        features: ['vacuum insulated', '750 ml', 'leak-proof lid'],
      },
      { noun: 'Resistance Bands', subcategory: 'training', features: ['5 levels', 'door anchor'] },
      {
        noun: 'Trekking Poles',
        subcategory: 'poles',
        features: ['carbon shafts', 'cork grips', 'foldable'],
      },
    ],
    adjectives: ['Flow', 'Core', 'Balance', 'Stride'],
    materials: ['natural rubber', 'stainless steel', 'carbon fibre'],
    brands: ['Northwind', 'Balance Lab'],
    priceRange: [15, 149],
    sizes: 'none',
    colours: ['black', 'teal', 'purple', 'sand'],
    consumable: false,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['nutrition', 'apparel'],
  },
  {
    category: 'coffee',
    kinds: [
      {
        noun: 'Whole Bean Coffee 1 kg',
        subcategory: 'coffee beans',
        features: ['single origin', 'medium roast'],
      },
      {
        noun: 'Pour-Over Kit',
        subcategory: 'brewing',
        features: ['stainless filter', 'travel case'],
      },
      { noun: 'Hand Grinder', subcategory: 'grinders', features: ['conical burrs', '40 settings'] },
      { noun: 'Camp Mug', subcategory: 'mugs', features: ['double wall', '350 ml'] },
    ],
    adjectives: ['Sunrise', 'Campfire', 'Highland', 'Morning'],
    materials: ['stainless steel', 'enamel', 'arabica'],
    brands: ['Basecamp Roasters', 'Northwind Kitchen'],
    priceRange: [12, 119],
    sizes: 'none',
    colours: ['black', 'white', 'red'],
    consumable: true,
    seasons: ['spring', 'summer', 'autumn', 'winter'],
    companions: ['camping'],
  },
  {
    category: 'accessories',
    kinds: [
      { noun: 'Beanie', subcategory: 'hats', features: ['merino lining', 'one size'] },
      { noun: 'Sun Hat', subcategory: 'hats', features: ['UPF 50', 'wide brim', 'chin strap'] },
      {
        noun: 'Gloves',
        subcategory: 'gloves',
        features: ['touchscreen fingertips', 'insulated'],
        waterproof: true,
      },
      { noun: 'Neck Gaiter', subcategory: 'neckwear', features: ['multi-use', 'UPF 50'] },
    ],
    adjectives: ['Cozy', 'Wanderer', 'Alpine', 'Breeze'],
    materials: ['merino wool', 'recycled polyester', 'cotton canvas'],
    brands: OUTDOOR_BRANDS,
    priceRange: [14, 69],
    sizes: 'none',
    colours: ['black', 'grey', 'mustard', 'navy', 'burgundy'],
    consumable: false,
    seasons: ['autumn', 'winter', 'summer'],
    companions: ['outerwear', 'eyewear'],
  },
];

export const LOCATIONS = ['online', 'store-seattle', 'store-portland', 'store-denver'] as const;
